import ExcelJS from 'exceljs';

export interface XlsxColumn {
  heading: string;
  width: number;
  /** Rupees numbers shown as #,##0.00. */
  money?: boolean;
}

/**
 * The app's tabular Excel download (reports, household register): one sheet with a bold title
 * row, a bold column-heading row, then the rows; the first column and both top rows stay in view.
 */
export async function tableXlsx(
  sheetName: string,
  title: readonly string[],
  columns: readonly XlsxColumn[],
  rows: Iterable<readonly (string | number)[]>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow([...title]).font = { bold: true };
  sheet.addRow(columns.map((c) => c.heading)).font = { bold: true };
  for (const r of rows) sheet.addRow([...r]);
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = c.width;
    if (c.money) col.numFmt = '#,##0.00';
  });
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
