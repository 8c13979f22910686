package query

import "github.com/marsad/marsad/internal/code"

// Event is one deduplicated event: every coded mention with the same
// source code, target code, CAMEO code and day is one Event. The fields of
// the output contract come from one representative mention (the earliest
// ingested); the counts say how often it was reported.
type Event struct {
	ID        int64  `json:"id"`         // the store's id of the representative mention
	Day       string `json:"day"`        // the event's date, else the article's publication day; "" when neither is known
	ArticleID string `json:"article_id"` // the representative article (its input id)
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	URL       string `json:"url,omitempty"`
	code.Event
	Mentions int `json:"mentions"` // coded mentions (GDELT NumMentions)
	Articles int `json:"articles"` // distinct articles (NumArticles)
	Sources  int `json:"sources"`  // distinct stories: syndicated copies of one story count once (NumSources)
}

// Dyad is an ordered pair of actors with what they did to each other.
type Dyad struct {
	Source        string  `json:"source"`      // CAMEO actor code
	Target        string  `json:"target"`      // CAMEO actor code; "" for events with no target
	Events        int     `json:"events"`      // deduplicated events
	Mentions      int     `json:"mentions"`    // coded mentions
	Cooperation   int     `json:"cooperation"` // events of QuadClass 1 and 2
	Conflict      int     `json:"conflict"`    // events of QuadClass 3 and 4
	Balance       float64 `json:"balance"`     // (cooperation - conflict) / events, in [-1, 1]
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// Bucket is one period of a timeline.
type Bucket struct {
	Period string `json:"period"` // first day of the period, YYYY-MM-DD
	Quad   [4]int `json:"quad"`   // deduplicated events of QuadClass 1..4
	Total  int    `json:"total"`
}

// Stats counts what a store holds. The JSON keys are part of the CLI
// contract (`marsad stats --format json`).
type Stats struct {
	Articles int `json:"articles"`
	Stories  int `json:"stories"`
	Events   int `json:"events"` // deduplicated events
	Mentions int `json:"mentions"`
	Actors   int `json:"actors"`
	Places   int `json:"places"`
	Runs     int `json:"runs"`
}

// Hit is one article found by a full-text search.
type Hit struct {
	ArticleID string  `json:"article_id"`
	Story     int64   `json:"story"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	Published string  `json:"published"`
	Snippet   string  `json:"snippet"` // a piece of the text around the first match
	Events    int     `json:"events"`  // coded events of the article
	Score     float64 `json:"score"`   // higher is better
}

// Actor is an actor code with how often it appears.
type Actor struct {
	Code    string `json:"code"`
	Country string `json:"country"`
	Role    string `json:"role"`
	Name    string `json:"name,omitempty"` // a name it goes by (English when known, else the most frequent text)
	Events  int    `json:"events"`         // mentions on either side
}

// Place is a location with how many events happened there.
type Place struct {
	Text    string   `json:"text"`
	Country string   `json:"country"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
	Events  int      `json:"events"`
}

// Network is the graph of actors linked by events.
type Network struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Node is an actor of a Network.
type Node struct {
	ID      string `json:"id"` // CAMEO actor code
	Country string `json:"country"`
	Events  int    `json:"events"`
}

// Edge is a directed link of a Network: Source did Events events to Target.
type Edge struct {
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Events        int     `json:"events"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}
