package build

import (
	"maps"
	"slices"
	"strings"

	"newsfacts/schema"
)

// conflicts lists, for every event, the statements that give incompatible
// values for its date or place. Two dates are compatible when their periods
// overlap (2022-05 and 2022-05-17 agree; 2022-05-16 and 2022-05-17 do not);
// an unknown value agrees with anything. Every report is kept as it is.
//
// It reads byEvent, the statements grouped by event, and runs beside
// namedCounts (see Build), which reads it too: it must change neither it
// nor anything but the conflicts, and report no error, as b.errs is
// namedCounts'.
func (b *builder) conflicts(byEvent map[string][]*stmtInfo) {
	for _, ev := range slices.Sorted(maps.Keys(byEvent)) {
		stmts := slices.Clone(byEvent[ev]) // sorted here, read there
		slices.SortFunc(stmts, func(a, c *stmtInfo) int { return strings.Compare(a.ID, c.ID) })
		var dated, placed []*stmtInfo
		for _, s := range stmts {
			if !s.Date.IsZero() {
				dated = append(dated, s)
			}
			if s.PlaceID != "" {
				placed = append(placed, s)
			}
		}
		if !datesAgree(dated) {
			for _, s := range dated {
				b.ds.Conflicts = append(b.ds.Conflicts, schema.Conflict{EventID: ev, Field: "date", StatementID: s.ID, SourceID: b.in.Facts[s.facts].SourceID, Value: dateValue(s)})
			}
		}
		if !placesAgree(placed) {
			for _, s := range placed {
				b.ds.Conflicts = append(b.ds.Conflicts, schema.Conflict{EventID: ev, Field: "place_id", StatementID: s.ID, SourceID: b.in.Facts[s.facts].SourceID, Value: s.PlaceID})
			}
		}
	}
}

// datesAgree reports whether the dates' periods all overlap. Periods on a
// line overlap pairwise exactly when the latest start is not after the
// earliest end, so one pass suffices.
func datesAgree(stmts []*stmtInfo) bool {
	if len(stmts) < 2 {
		return true
	}
	latestStart, earliestEnd := stmts[0].Date, stmts[0].Date.LastDay(stmts[0].DatePrecision)
	for _, s := range stmts[1:] {
		if latestStart.Before(s.Date) {
			latestStart = s.Date
		}
		if end := s.Date.LastDay(s.DatePrecision); end.Before(earliestEnd) {
			earliestEnd = end
		}
	}
	return !earliestEnd.Before(latestStart)
}

func placesAgree(stmts []*stmtInfo) bool {
	for _, s := range stmts {
		if s.PlaceID != stmts[0].PlaceID {
			return false
		}
	}
	return true
}

// dateValue shows a date at its precision: 2022-05-17, 2022-05 or 2022.
func dateValue(s *stmtInfo) string {
	d := s.Date.String()
	switch s.DatePrecision {
	case schema.PrecisionMonth:
		return d[:7]
	case schema.PrecisionYear:
		return d[:4]
	}
	return d
}
