package provider

// The provider's names, declared once: main serves at Address, type names
// are TypeName + "_" + suffix, and scripts ask the binary for Address
// (terraform-provider-trtc -print-address) rather than repeating it.
const (
	// TypeName prefixes every resource and data source type.
	TypeName = "trtc"
	// Namespace is the registry namespace.
	Namespace = "trtc"
	// Address is the source address Terraform knows the provider by.
	Address = "registry.terraform.io/" + Namespace + "/" + TypeName
)
