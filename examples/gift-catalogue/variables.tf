variable "apps" {
  description = <<-EOT
    The apps that get the catalogue, by a name of your choosing: each app's
    SDKAppID and its data centre (region) or a base URL (endpoint, which
    overrides region).
  EOT
  type = map(object({
    sdk_app_id = number
    region     = optional(string)
    endpoint   = optional(string)
  }))
}

variable "secret_keys" {
  description = "Each app's secret key, by the same names as apps (for example from TF_VAR_secret_keys)."
  type        = map(string)
  sensitive   = true
}
