"""One loader per input format; each turns bytes into RawItems or skip reasons."""
