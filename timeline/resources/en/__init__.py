"""English resources."""
