"""The producer's annual report on the use of the mark under a self-declaration."""
