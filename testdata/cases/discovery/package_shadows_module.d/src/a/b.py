MOD = 1
