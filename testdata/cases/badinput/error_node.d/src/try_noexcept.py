import a
try:
    import b
import c
