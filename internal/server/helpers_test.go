package server_test

import (
	"os"
	"testing"
)

var testDir string

// tempDir is a directory for the demo database that lives as long as the
// test binary (the database is shared by the tests); TestMain removes it.
func tempDir() (string, error) {
	d, err := os.MkdirTemp("", "marsad-server-test-")
	testDir = d
	return d, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testDir != "" {
		os.RemoveAll(testDir)
	}
	os.Exit(code)
}
