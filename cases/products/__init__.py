"""Protected products (the register): imports of earlier protections and revocations of protection."""
