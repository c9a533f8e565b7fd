# A short-lived administrator UserSig, signed by the default provider
# configuration (which has the app's secret_key), for a provider
# configuration that must not hold the key. Nothing is stored.
ephemeral "trtc_user_sig" "admin" {
  user_id = "administrator"
  expire  = 900 # seconds: long enough for one plan or apply
}

provider "trtc" {
  alias      = "by_sig"
  sdk_app_id = 1400000000
  region     = "singapore"
  identifier = "administrator"
  user_sig   = ephemeral.trtc_user_sig.admin.user_sig
}

data "trtc_live_webhook" "current" {
  provider = trtc.by_sig
}
