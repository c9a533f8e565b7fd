# Adopting a catalogue made by hand, or by copy_default_gift_config: the
# provider block here, the list blocks in catalogue.tfquery.hcl beside it.
#
#   terraform query -generate-config-out=adopted.tf   # Terraform 1.14 or later
#   terraform apply                                    # imports, writes nothing
#
# See ../README.md.

terraform {
  # terraform query needs Terraform 1.14 or later; the apply after it, 1.5.
  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }
}

variable "sdk_app_id" {
  description = "The app whose catalogue to adopt."
  type        = number
}

variable "region" {
  description = "The app's data centre."
  type        = string
  default     = "singapore"
}

variable "endpoint" {
  description = "A base URL that overrides region, such as a private gateway."
  type        = string
  default     = null
}

# The key comes from TRTC_SECRET_KEY.
provider "trtc" {
  sdk_app_id = var.sdk_app_id
  region     = var.region
  endpoint   = var.endpoint
}
