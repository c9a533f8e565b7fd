package trtcmock

// Internals the tests of package trtcmock_test look at.

// Reorder is reorder, the ShuffleCommands permutation.
var Reorder = reorder

// InFlight is how many API requests s is handling now.
func InFlight(s *Server) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inFlight
}
