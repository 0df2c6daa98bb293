import sys
if sys.version_info[0] == 2:
    import a
else:
    import b
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import c
else:
    import d
import typing
if typing.TYPE_CHECKING:
    from e import Thing
MYPY = False
if MYPY:
    import f
if False:
    import g
if not TYPE_CHECKING:
    import h
elif sys:
    import i
