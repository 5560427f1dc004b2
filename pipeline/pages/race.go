//go:build race

package pages

// raceEnabled: the race detector shadows every byte the heap maps, and a
// ballast of gigabytes costs it seconds (see reserve).
const raceEnabled = true
