package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// What gifts and categories share: their language rows
// (docs/development/trtc-api.md §9), as a map from the language to a name
// and a description, and the requests that change them.

// languageModel is one language row in Terraform.
type languageModel struct {
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
}

var languageType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name":        types.StringType,
	"description": types.StringType,
}}

// languagesAttribute is the languages map of a gift (of) or a category,
// whose descriptions take at most maxDesc bytes.
func languagesAttribute(of string, maxDesc int) schema.MapNestedAttribute {
	return schema.MapNestedAttribute{
		MarkdownDescription: fmt.Sprintf("The %[1]s's name and description in other languages, keyed by language: "+
			"%[2]s. An app shows the default `name` and `description` in a language without a row. An update sends "+
			"one request per row that changed, and only the fields that changed; a row removed here is deleted.",
			of, giftLanguagesInProse),
		Optional:   true,
		Computed:   true,
		Default:    mapdefault.StaticValue(types.MapValueMust(languageType, map[string]attr.Value{})),
		Validators: []validator.Map{languageKeys{}},
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s's name in this language, 1 to %d bytes.", of, maxGiftNameBytes),
				Required:            true,
				Validators:          []validator.String{byteLength(1, maxGiftNameBytes)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s's description in this language, at most %d bytes.", of, maxDesc),
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{byteLength(0, maxDesc)},
			},
		}},
	}
}

// languagesOf reads a languages map; null is no row.
func languagesOf(ctx context.Context, m types.Map) (map[string]trtcapi.Language, diag.Diagnostics) {
	out := map[string]trtcapi.Language{}
	if m.IsNull() || m.IsUnknown() {
		return out, nil
	}
	var rows map[string]languageModel
	diags := m.ElementsAs(ctx, &rows, false)
	for lang, r := range rows {
		out[lang] = trtcapi.Language{Name: r.Name.ValueString(), Description: r.Description.ValueString()}
	}
	return out, diags
}

// languagesValue is rows as a languages map.
func languagesValue(rows map[string]trtcapi.Language) types.Map {
	elems := make(map[string]attr.Value, len(rows))
	for lang, r := range rows {
		elems[lang] = types.ObjectValueMust(languageType.AttrTypes, map[string]attr.Value{
			"name":        types.StringValue(r.Name),
			"description": types.StringValue(r.Description),
		})
	}
	return types.MapValueMust(languageType, elems)
}

// languageChange is one request that changes a row: set (only the fields
// that changed), or delete when update is nil.
type languageChange struct {
	language string
	update   *trtcapi.LanguageUpdate
}

// languageChanges are the requests that turn rows have into want, in
// language order: a new row sends its name (required the first time) and a
// description that is not empty; a changed row only what changed; a row
// that want lacks is deleted.
func languageChanges(have, want map[string]trtcapi.Language) []languageChange {
	var out []languageChange
	for _, lang := range slices.Sorted(maps.Keys(want)) {
		w := want[lang]
		h, had := have[lang]
		u := trtcapi.LanguageUpdate{}
		switch {
		case !had:
			u.Name = &w.Name
			if w.Description != "" {
				u.Description = &w.Description
			}
		case h == w:
			continue
		default:
			if h.Name != w.Name {
				u.Name = &w.Name
			}
			if h.Description != w.Description {
				u.Description = &w.Description
			}
		}
		out = append(out, languageChange{language: lang, update: &u})
	}
	for _, lang := range slices.Sorted(maps.Keys(have)) {
		if _, kept := want[lang]; !kept {
			out = append(out, languageChange{language: lang})
		}
	}
	return out
}

// apply returns rows with the change made.
func (c languageChange) apply(rows map[string]trtcapi.Language) map[string]trtcapi.Language {
	out := maps.Clone(rows)
	if out == nil {
		out = map[string]trtcapi.Language{}
	}
	if c.update == nil {
		delete(out, c.language)
		return out
	}
	r := out[c.language]
	if c.update.Name != nil {
		r.Name = *c.update.Name
	}
	if c.update.Description != nil {
		r.Description = *c.update.Description
	}
	out[c.language] = r
	return out
}

// languagesText is rows in a canonical form, for fingerprints.
func languagesText(rows map[string]trtcapi.Language) string {
	var b strings.Builder
	for _, lang := range slices.Sorted(maps.Keys(rows)) {
		fmt.Fprintf(&b, "%s=%q/%q;", lang, rows[lang].Name, rows[lang].Description)
	}
	return b.String()
}

// languageList names rows for messages: "en, zh-Hans", or "none".
func languageList(rows map[string]trtcapi.Language) string {
	if len(rows) == 0 {
		return "none"
	}
	return strings.Join(slices.Sorted(maps.Keys(rows)), ", ")
}

// readRows reads the rows a list named without text (unread), or, when
// the list is unavailable, every language (all), one request each; a row
// that a read finds missing is no row.
func readRows(ctx context.Context, rows map[string]trtcapi.Language, langs []string,
	read func(context.Context, string) (trtcapi.Language, error)) (map[string]trtcapi.Language, error) {
	out := maps.Clone(rows)
	if out == nil {
		out = map[string]trtcapi.Language{}
	}
	for _, lang := range langs {
		r, err := read(ctx, lang)
		switch {
		case err == nil:
			out[lang] = r
		case trtcapi.MissingWithoutList(err):
			delete(out, lang)
		default:
			return nil, err
		}
	}
	return out, nil
}
