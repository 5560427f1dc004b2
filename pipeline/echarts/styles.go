package echarts

import "newsfacts/schema"

// The charts' visual vocabulary, in one place: each statement kind, country
// role and stance has its own colour and its own shape or line pattern, so
// that no two can be confused by colour alone (a test checks that none
// repeats). Colours are from Okabe and Ito's palette, which readers with
// any common colour-vision deficiency can tell apart, with greys and a
// brown where a set needs more than it has.
const (
	blue      = "#0072B2"
	vermilion = "#D55E00"
	green     = "#009E73"
	purple    = "#CC79A7"
	orange    = "#E69F00"
	skyBlue   = "#56B4E9"
	black     = "#000000"
	grey      = "#8C8C8C"
	brown     = "#8C510A"
	yellow    = "#F0E442" // only as a fill on the map's light grey, never on white
)

// kindStyle is a statement kind on the timeline: a colour and a symbol.
// Claims are hollow: an allegation, drawn unlike anything reported as done.
var kindStyle = map[schema.StatementKind]struct{ Color, Symbol string }{
	schema.StatementClaim:      {blue, "emptyCircle"},
	schema.StatementDenial:     {vermilion, "triangle"},
	schema.StatementCorrection: {green, "diamond"},
	schema.StatementApology:    {purple, "roundRect"},
	schema.StatementAppeal:     {orange, "rect"},
	schema.StatementStatement:  {skyBlue, "circle"},
	schema.StatementReport:     {black, "arrow"},
	schema.StatementEvent:      {grey, "pin"},
}

// roleStyle is a country role on the map, in the order that decides a
// country's colour when statements give it several: the most specific
// first, and a retraction before the allegation it withdraws.
var roleStyle = []struct {
	Role  schema.CountryRoleKind
	Color string
	Label string // what the role means on the map: what statements say, never that it is so
}{
	{schema.CountryRetractedProducer, grey, "named as producer, then retracted"},
	{schema.CountryAllegedProducer, blue, "said to be the producer"},
	{schema.CountryAllegedUser, vermilion, "said to be the user"},
	{schema.CountryDesigner, green, "said to be the designer"},
	{schema.CountryCandidateBuyer, purple, "named as a would-be buyer"},
	{schema.CountryWarTarget, skyBlue, "named as the target"},
	{schema.CountrySanctionsThreat, orange, "warning of sanctions"},
	{schema.CountryCooperationTarget, brown, "warned against as a partner"},
	{schema.CountryHost, yellow, "where it took place"},
}

// stanceStyle is a stance in the network: a colour and a line pattern
// (dash and gap lengths; nil is a solid line).
var stanceStyle = map[schema.StanceKind]struct {
	Color string
	Dash  []int
}{
	schema.StanceAsserts:             {blue, nil},
	schema.StanceDenies:              {vermilion, []int{8, 4}},
	schema.StanceRetracts:            {green, []int{2, 3}},
	schema.StanceAcknowledgesReports: {purple, []int{10, 3, 2, 3}},
	schema.StanceDeclinesToAddress:   {orange, []int{14, 6}},
	schema.StanceAddresses:           {grey, []int{4, 4}},
	schema.StanceQuestions:           {black, []int{1, 5}},
}

// dashCSS is a dash pattern as a CSS border style for the HTML legend.
func dashCSS(dash []int) string {
	switch {
	case dash == nil:
		return "solid"
	case dash[0] <= 2:
		return "dotted"
	}
	return "dashed"
}
