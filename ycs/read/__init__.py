"""Reading files into raw tables with their spreadsheet positions."""
