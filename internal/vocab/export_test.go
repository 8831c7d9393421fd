package vocab

// ShippedTable is the embedded table, for the tests outside the package.
func ShippedTable() Table { return shipped }
