import typing
from typing import TYPE_CHECKING
if TYPE_CHECKING is True:
    import a
if typing.TYPE_CHECKING is True:
    import b
if TYPE_CHECKING == True:
    import c
if (TYPE_CHECKING):
    import d
if not TYPE_CHECKING:
    import e
else:
    import f
if not typing.TYPE_CHECKING:
    import g
elif typing:
    import h
else:
    import i
if TYPE_CHECKING is None:
    import j
if TYPE_CHECKING:
    import k
else:
    import l
