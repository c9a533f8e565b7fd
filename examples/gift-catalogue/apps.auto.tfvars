# The apps that get the catalogue. Nothing here is secret: the keys come from
# TF_VAR_secret_keys (README.md).
apps = {
  prod = {
    sdk_app_id = 1400000000
    region     = "singapore"
  }
  staging = {
    sdk_app_id = 1400000001
    region     = "singapore"
  }
}
