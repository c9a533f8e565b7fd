variable "apps" {
  description = <<-EOT
    The apps to manage, by a key of your choosing: each app's SDKAppID, its
    data centre (region) or a base URL (endpoint, which overrides region), and
    where TRTC delivers its live events. retire = true deletes the app's
    webhook while the provider keeps the app's credentials for that apply;
    then remove the app.
  EOT
  type = map(object({
    sdk_app_id  = number
    region      = optional(string)
    endpoint    = optional(string)
    webhook_url = string
    retire      = optional(bool, false)
  }))
}

variable "secret_keys" {
  description = "Each app's secret key, by the same keys as apps (for example from TF_VAR_secret_keys)."
  type        = map(string)
  sensitive   = true
}

variable "callback_commands" {
  description = "The live events every app's webhook receives."
  type        = set(string)
  default = [
    "Live.CallbackAfterCreateRoom",
    "Live.CallbackAfterDestroyRoom",
    "Live.CallbackAfterMemberStateChanged",
  ]
}
