"""Digital trygghetsundersökning and trygghetsvandring: the kommun runs its own survey
and walk, and the answers flow into the lägesbild without retyping."""
