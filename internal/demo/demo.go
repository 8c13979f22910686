// Package demo ships the canonical article — «ماذا وراء زيارة خليفة حفتر
// السرية إلى دمشق؟» (Al-Ayyam al-Suriya, after Asharq al-Awsat) — that
// `marsad demo` codes, so a fresh checkout shows Marsad at work with no
// input of one's own.
package demo

import _ "embed"

// SeedName is the file name of the canonical article.
const SeedName = "000_d61fa5c1789e1101.txt"

// Seed is the canonical article as plain text.
//
//go:embed 000_d61fa5c1789e1101.txt
var Seed []byte
