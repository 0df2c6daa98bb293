try:
    import a
except ImportError:
    import b
try:
    import c
except ValueError:
    pass
try:
    import d
except:
    pass
try:
    import e
except (ValueError, ImportError):
    pass
try:
    import f
except ValueError:
    pass
except ImportError as err:
    import g
try:
    import h
finally:
    import i
try:
    import j
except ImportError:
    pass
else:
    import k
try:
    import l
except Exception:
    pass
try:
    import m
except ModuleNotFoundError:
    pass
try:
    import n
except (ImportError):
    pass
try:
    import o
except errors.ImportError:
    pass
