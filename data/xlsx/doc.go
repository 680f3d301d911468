// Package xlsx writes the printed registers of 保密台账 as Excel workbooks
// (domain.md, "Printed registers"): A4 landscape, one page wide, the 密级
// marking top-left, a merged title, the 填报单位 line, a bordered table whose
// header row repeats on every printed page, and the signature line below.
//
// Rows are written with excelize's StreamWriter, so an export of 100,000
// records keeps little in memory. The package never imports Fyne.
//
// Layout of every sheet (1-based rows):
//
//	1      the marking (empty when there is none)
//	2      the title, merged across the table
//	3      填报单位：…　　统计截至：…
//	4      the header row (序号 and the column labels); repeated on every page
//	5…     one row per record
//	last   填表人：…审核人：…填表日期：
//
// It may import the standard library, excelize and package data; never
// Fyne or bbolt.
package xlsx
