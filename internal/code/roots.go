package code

// symmetricRoot reports roots whose events are usually joint acts
// (consultations, agreements, cooperation).
func symmetricRoot(root string) bool {
	switch root {
	case "03", "04", "05", "06":
		return true
	}
	return false
}

// needsTarget reports roots whose events mean nothing without a target
// (a meeting with nobody, aid to nobody); events of the other roots — a
// resignation, a protest, a mobilisation, an attack — may have none.
func needsTarget(root string) bool {
	switch root {
	case "08", "14", "15", "18", "19", "20":
		return false
	}
	return true
}

// violentOrProtest reports roots whose events are coded even when the
// perpetrator is not named (an explosion, a demonstration).
// violent reports the roots of violence (assault, fight, mass violence).
func violent(root string) bool { return root == "18" || root == "19" || root == "20" }

func violentOrProtest(root string) bool {
	switch root {
	case "14", "18", "19", "20":
		return true
	}
	return false
}
