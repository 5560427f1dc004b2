package normalize

import (
	"math"
	"strconv"
	"strings"
)

// ParseNumber reads the number a figure's text gives, as the text writes
// it: digits ("22", "1,200", "3.5", "40%"), words ("two", "twenty-two",
// "two hundred", "a dozen") or both ("1.5 million"). ok is false for
// anything else ("dozens", "a few", "20 two"), which no value can be
// checked against. percent says the text ends in %.
func ParseNumber(text string) (n float64, percent, ok bool) {
	text = strings.TrimSpace(text)
	if rest, cut := strings.CutSuffix(text, "%"); cut {
		text, percent = strings.TrimSpace(rest), true
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == ' ' || r == '-' || r == '\u00a0' })
	if len(words) == 0 {
		return 0, false, false
	}
	// total holds what the scale words (thousand, million, billion) have
	// closed, each smaller than the one before; group, what is counted
	// since, before its scale.
	var total, group, lastScale float64
	counted := false // group holds a number (a scale word needs one, or "a")
	digits := ""     // the first word, when it is digits
	for i, w := range words {
		v, small := smallNumbers[w]
		scale := scales[w]
		switch {
		case i == 0 && inDigits(w):
			d, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64)
			if err != nil || !groupedDigits(w) {
				return 0, false, false
			}
			group, counted, digits = d, true, strings.ReplaceAll(w, ",", "")
		case small && digits == "" && (!counted || group >= 100 && v < 100 || group >= 20 && group < 100 && v >= 1 && v < 10 && int(group)%10 == 0):
			group, counted = group+v, true // "two", "hundred and five", "twenty-two"
		case w == "a" && !counted && i+1 < len(words):
			group, counted = 1, true // "a dozen", "a million"
		case w == "and" && counted && digits == "" && group >= 100:
		case w == "dozen" && counted:
			group *= 12
		case w == "hundred" && counted && group < 100:
			group *= 100
		case scale != 0 && counted && (lastScale == 0 || scale < lastScale):
			if i == 1 && digits != "" {
				// "4.1 million" as 4.1e6, which is exact, where 4.1
				// times a million is not (4099999.9999999995).
				group, _ = strconv.ParseFloat(digits+"e"+strconv.Itoa(int(math.Log10(scale))), 64)
				scale = 1
			}
			total, group, counted, lastScale = total+group*scale, 0, false, scales[w]
		default:
			return 0, false, false
		}
	}
	n = total + group
	if !counted && total == 0 || math.IsInf(n, 0) {
		return 0, false, false
	}
	return n, percent, true
}

var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

var scales = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9}

// inDigits says whether w is a number in digits: digits, with commas and
// one decimal point.
func inDigits(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	return strings.Trim(w, "0123456789,.") == ""
}

// groupedDigits says whether the commas of w, if any, group its whole
// part in threes ("1,200", not "1,20").
func groupedDigits(w string) bool {
	whole, _, _ := strings.Cut(w, ".")
	parts := strings.Split(whole, ",")
	for i, p := range parts {
		if i > 0 && len(p) != 3 || i == 0 && (p == "" || len(parts) > 1 && len(p) > 3) {
			return false
		}
	}
	return true
}
