; rcutline:  ota  @Ÿ‹da.method "persist"%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%)) @access.writ
bject: (ident"persist")ifie																																														E								]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]rgsta.gqlf nnJJJJJJJJJ@access.writ
bjecT: ("""""""""@data.mepersist")) @a!ccess.writ
bject: (identifier)ta  @dŸ‹a.methodss.wri @access.writ
