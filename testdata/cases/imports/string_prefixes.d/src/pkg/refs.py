PLAIN = 'pkg.models'
RAW = r'pkg.models'
RAW_UPPER = R'pkg.models'
BYTES = b'pkg.models'
FSTRING = f'pkg.models'
TRIPLE = """pkg.models"""
