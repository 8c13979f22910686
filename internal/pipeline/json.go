package pipeline

import "github.com/marsad/marsad/internal/jsonenc"

// AppendJSON appends the entity as a JSON object; an empty Code is left out.
func (e *Entity) AppendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = jsonenc.String(b, e.Text)
	b = append(b, `,"type":`...)
	b = jsonenc.String(b, e.Type)
	b = append(b, `,"start":`...)
	b = jsonenc.Int(b, e.Start)
	b = append(b, `,"end":`...)
	b = jsonenc.Int(b, e.End)
	if e.Code != "" {
		b = append(b, `,"code":`...)
		b = jsonenc.String(b, e.Code)
	}
	return append(b, '}')
}

// AppendJSON appends the coded article as one line of `marsad code`
// output: a JSON object and a newline, the same bytes as encoding/json's
// Encoder with SetEscapeHTML(false) writes for d (an empty Text left out,
// nil Entities or Events as null, empty ones as []), without reflection
// and without allocating beyond growing b. It differs only where
// encoding/json fails: a NaN or infinite score is written as 0.
//
// Callers that write many documents reuse one buffer:
//
//	buf = d.AppendJSON(buf[:0])
//	w.Write(buf)
func (d *Doc) AppendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = jsonenc.String(b, d.ID)
	if d.URI != "" {
		b = append(b, `,"uri":`...)
		b = jsonenc.String(b, d.URI)
	}
	b = append(b, `,"title":`...)
	b = jsonenc.String(b, d.Title)
	b = append(b, `,"published":`...)
	b = jsonenc.String(b, d.Published)
	b = append(b, `,"outlet":`...)
	b = jsonenc.String(b, d.Outlet)
	b = append(b, `,"attribution":`...)
	b = jsonenc.String(b, d.Attribution)
	if d.Text != "" {
		b = append(b, `,"text":`...)
		b = jsonenc.String(b, d.Text)
	}
	b = append(b, `,"entities":`...)
	if d.Entities == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range d.Entities {
			if i > 0 {
				b = append(b, ',')
			}
			b = d.Entities[i].AppendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"events":`...)
	if d.Events == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range d.Events {
			if i > 0 {
				b = append(b, ',')
			}
			b = d.Events[i].AppendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}
