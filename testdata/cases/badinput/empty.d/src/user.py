import empty
