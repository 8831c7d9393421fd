package render

// MarshalJSON is v as indented JSON for any command's --json: without
// HTML escaping (a command's < > & stay readable) and with the characters
// that could drive a terminal escaped, as JSON does for results. It ends
// in a newline.
func MarshalJSON(v any) ([]byte, error) {
	data, err := marshal(v, "  ")
	if err != nil {
		return nil, err
	}
	return escapeC1(data), nil
}
