package main

import "fmt"

// checkConfidence rejects a confidence flag outside [0, 1] (exit status 2):
// confidences are between 0 and 1, and a floor above 1 keeps nothing.
func checkConfidence(flag string, v float64) error {
	if !(v >= 0 && v <= 1) { // NaN too
		return &exitError{2, fmt.Errorf("--%s %v: want a confidence between 0 and 1", flag, v)}
	}
	return nil
}

// checkWorkers rejects a --workers below 1 (exit status 2).
func checkWorkers(n int) error {
	if n < 1 {
		return &exitError{2, fmt.Errorf("--workers %d: want at least 1", n)}
	}
	return nil
}
