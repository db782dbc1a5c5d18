"""Self-declarations to use the GI special mark (专用标志使用自我声明)."""
