import zlib
