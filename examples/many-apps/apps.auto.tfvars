# The apps this configuration manages. Nothing here is secret: the keys come
# from TF_VAR_secret_keys (README.md).
apps = {
  a = {
    sdk_app_id  = 1400000000
    region      = "singapore"
    webhook_url = "https://hooks.example.com/trtc/a"
  }
  b = {
    sdk_app_id  = 1400000001
    region      = "germany"
    webhook_url = "https://hooks.example.com/trtc/b"
  }
  c = {
    sdk_app_id  = 1400000002
    region      = "usa"
    webhook_url = "https://hooks.example.com/trtc/c"
  }
}
