// Package code turns triggers and actors into events: who did what to whom,
// with CAMEO code and root, PLOVER category and mode, QuadClass, Goldstein
// score, modality, location, date, and the trigger and evidence spans that
// explain each event.
//
// An article with no codable events gives an empty event list and no error.
package code

// Span is a piece of the article text with byte offsets into it.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ActorRef is an event's source or target.
type ActorRef struct {
	Text    string `json:"text"`           // the words naming the actor
	Code    string `json:"code"`           // CAMEO actor code: country + role («LBYMIL»)
	Country string `json:"country"`        // ISO3, IGO, IMG, NGO or UNK
	Role    string `json:"role"`           // GOV, MIL, …, or ""
	Name    string `json:"name,omitempty"` // English name when known
	Start   int    `json:"start"`          // byte offsets of Text in the article text
	End     int    `json:"end"`
}

// Plover is an event's PLOVER category and mode.
type Plover struct {
	Category string `json:"category"`
	Mode     string `json:"mode,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Text    string   `json:"text"`
	Country string   `json:"country"`
	Lat     *float64 `json:"lat"` // nil when the place has no coordinates in the knowledge base
	Lon     *float64 `json:"lon"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
}

// Event is one coded event.
type Event struct {
	Source     ActorRef  `json:"source"`
	Target     *ActorRef `json:"target"` // nil when the event has no target
	CAMEO      string    `json:"cameo"`
	Root       string    `json:"root"`
	Quad       int       `json:"quad"`
	Goldstein  float64   `json:"goldstein"`
	Plover     Plover    `json:"plover"`
	Modality   []string  `json:"modality"`
	Location   *Location `json:"location"`
	Date       *string   `json:"date"`
	Trigger    Span      `json:"trigger"`
	Evidence   Span      `json:"evidence"`
	Confidence float64   `json:"confidence"`
	Rule       string    `json:"rule,omitempty"` // the knowledge-base entries and frame behind the event
}

// QuadClass returns the CAMEO QuadClass of a root: 1 verbal cooperation
// (01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
// 4 material conflict (14-20).
func QuadClass(root string) int {
	if len(root) < 2 {
		return 0
	}
	r := int(root[0]-'0')*10 + int(root[1]-'0')
	switch {
	case r >= 1 && r <= 5:
		return 1
	case r >= 6 && r <= 8:
		return 2
	case r >= 9 && r <= 13:
		return 3
	case r >= 14 && r <= 20:
		return 4
	}
	return 0
}
