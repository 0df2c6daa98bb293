from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from b.y import Y
