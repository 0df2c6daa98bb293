def fill_totals():
    return 0
