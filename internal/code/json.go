package code

import "github.com/marsad/marsad/internal/jsonenc"

// The AppendJSON methods below write each type as encoding/json's Encoder
// with SetEscapeHTML(false) does (without Encode's final newline), byte for
// byte, several times faster and without reflection. There is one method
// per type, writing the fields in struct order with their json tag names;
// a field added to a type needs its line here, and the equality tests in
// internal/pipeline (json_test.go) catch one that is missing.

// AppendJSON appends the span as a JSON object.
func (s *Span) AppendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = jsonenc.String(b, s.Text)
	b = append(b, `,"start":`...)
	b = jsonenc.Int(b, s.Start)
	b = append(b, `,"end":`...)
	b = jsonenc.Int(b, s.End)
	return append(b, '}')
}

// AppendJSON appends the actor as a JSON object; an empty Name is left out.
func (a *ActorRef) AppendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = jsonenc.String(b, a.Text)
	b = append(b, `,"code":`...)
	b = jsonenc.String(b, a.Code)
	b = append(b, `,"country":`...)
	b = jsonenc.String(b, a.Country)
	b = append(b, `,"role":`...)
	b = jsonenc.String(b, a.Role)
	if a.Name != "" {
		b = append(b, `,"name":`...)
		b = jsonenc.String(b, a.Name)
	}
	b = append(b, `,"start":`...)
	b = jsonenc.Int(b, a.Start)
	b = append(b, `,"end":`...)
	b = jsonenc.Int(b, a.End)
	return append(b, '}')
}

// AppendJSON appends the PLOVER category as a JSON object; an empty Mode is
// left out.
func (p *Plover) AppendJSON(b []byte) []byte {
	b = append(b, `{"category":`...)
	b = jsonenc.String(b, p.Category)
	if p.Mode != "" {
		b = append(b, `,"mode":`...)
		b = jsonenc.String(b, p.Mode)
	}
	return append(b, '}')
}

// AppendJSON appends the location as a JSON object, a nil Lat or Lon as
// null. A nil *Location appends null.
func (l *Location) AppendJSON(b []byte) []byte {
	if l == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"text":`...)
	b = jsonenc.String(b, l.Text)
	b = append(b, `,"country":`...)
	b = jsonenc.String(b, l.Country)
	b = append(b, `,"lat":`...)
	b = appendFloatPtr(b, l.Lat)
	b = append(b, `,"lon":`...)
	b = appendFloatPtr(b, l.Lon)
	b = append(b, `,"start":`...)
	b = jsonenc.Int(b, l.Start)
	b = append(b, `,"end":`...)
	b = jsonenc.Int(b, l.End)
	return append(b, '}')
}

// AppendJSON appends the event as a JSON object: a nil Target, Location or
// Date as null, a nil Modality as null and an empty one as [], an empty
// Rule left out. A NaN or infinite Goldstein or Confidence is written as 0
// (see jsonenc.Float), where encoding/json fails.
func (e *Event) AppendJSON(b []byte) []byte {
	b = append(b, `{"source":`...)
	b = e.Source.AppendJSON(b)
	b = append(b, `,"target":`...)
	if e.Target == nil {
		b = append(b, "null"...)
	} else {
		b = e.Target.AppendJSON(b)
	}
	b = append(b, `,"cameo":`...)
	b = jsonenc.String(b, e.CAMEO)
	b = append(b, `,"root":`...)
	b = jsonenc.String(b, e.Root)
	b = append(b, `,"quad":`...)
	b = jsonenc.Int(b, e.Quad)
	b = append(b, `,"goldstein":`...)
	b = jsonenc.Float(b, e.Goldstein)
	b = append(b, `,"plover":`...)
	b = e.Plover.AppendJSON(b)
	b = append(b, `,"modality":`...)
	b = appendStrings(b, e.Modality)
	b = append(b, `,"location":`...)
	b = e.Location.AppendJSON(b)
	b = append(b, `,"date":`...)
	if e.Date == nil {
		b = append(b, "null"...)
	} else {
		b = jsonenc.String(b, *e.Date)
	}
	b = append(b, `,"trigger":`...)
	b = e.Trigger.AppendJSON(b)
	b = append(b, `,"evidence":`...)
	b = e.Evidence.AppendJSON(b)
	b = append(b, `,"confidence":`...)
	b = jsonenc.Float(b, e.Confidence)
	if e.Rule != "" {
		b = append(b, `,"rule":`...)
		b = jsonenc.String(b, e.Rule)
	}
	return append(b, '}')
}

// appendFloatPtr appends *f, or null when f is nil.
func appendFloatPtr(b []byte, f *float64) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	return jsonenc.Float(b, *f)
}

// appendStrings appends ss as a JSON array: null when ss is nil, [] when
// it is empty.
func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonenc.String(b, s)
	}
	return append(b, ']')
}
