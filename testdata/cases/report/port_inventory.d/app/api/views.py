from legacy.helpers import lookup, render


def show(d):
    return lookup(d, 'k') + render('t')
