import sibling
