//! Tables: a GFM table when it has a header row and every cell is one line
//! of text, else the table as HTML (which the site's sanitiser keeps).

use super::walk::Walker;

impl Walker<'_> {
    pub(super) fn table(&mut self, id: usize, depth: usize, out: &mut Vec<String>) {
        let rows = self.rows(id);
        let caption = self
            .dom
            .children(id)
            .iter()
            .copied()
            .find(|&c| self.dom.name(c) == Some("caption"));
        match self.simple(&rows) {
            true => {
                let width = rows.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0);
                let mut lines = Vec::new();
                for (i, (_, cells)) in rows.iter().enumerate() {
                    let mut texts: Vec<String> =
                        cells.iter().map(|&c| self.single_line(c, depth)).collect();
                    texts.resize(width, String::new());
                    lines.push(format!("| {} |", texts.join(" | ")));
                    if i == 0 {
                        lines.push(format!("|{}", " --- |".repeat(width)));
                    }
                }
                out.push(lines.join("\n"));
            }
            false if rows.is_empty() => self.blocks(id, depth, out),
            false => out.push(self.safe_element(id)),
        }
        if let Some(caption) = caption {
            self.blocks(caption, depth, out);
        }
    }

    /// The rows (each with whether it is a header row) and their cells.
    fn rows(&self, table: usize) -> Vec<(bool, Vec<usize>)> {
        let mut rows = Vec::new();
        let mut stack: Vec<(usize, bool)> = self
            .dom
            .children(table)
            .iter()
            .rev()
            .map(|&c| (c, false))
            .collect();
        while let Some((at, in_head)) = stack.pop() {
            match self.dom.name(at) {
                Some("thead") => {
                    stack.extend(self.dom.children(at).iter().rev().map(|&c| (c, true)))
                }
                Some("tbody" | "tfoot") => {
                    stack.extend(self.dom.children(at).iter().rev().map(|&c| (c, false)))
                }
                Some("tr") => {
                    let cells: Vec<usize> = self
                        .dom
                        .children(at)
                        .iter()
                        .copied()
                        .filter(|&c| matches!(self.dom.name(c), Some("td" | "th")))
                        .collect();
                    let header = in_head
                        || (!cells.is_empty()
                            && cells.iter().all(|&c| self.dom.name(c) == Some("th")));
                    rows.push((header, cells));
                }
                _ => {}
            }
        }
        rows
    }

    /// Whether a GFM table can say it all: a header row first and only
    /// there, no merged cells, nothing but inline content in cells.
    fn simple(&self, rows: &[(bool, Vec<usize>)]) -> bool {
        let Some(((true, _), rest)) = rows.split_first() else {
            return false;
        };
        if rest.iter().any(|(header, _)| *header) {
            return false;
        }
        rows.iter().flat_map(|(_, cells)| cells).all(|&cell| {
            let merged = ["colspan", "rowspan"].iter().any(|k| {
                self.dom
                    .attr(cell, k)
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .is_some_and(|n| n > 1)
            });
            !merged && !self.has_blocks(cell)
        })
    }

    fn has_blocks(&self, id: usize) -> bool {
        let mut stack = self.dom.children(id).to_vec();
        while let Some(at) = stack.pop() {
            if let Some(name) = self.dom.name(at) {
                if matches!(
                    name,
                    "ul" | "ol"
                        | "table"
                        | "pre"
                        | "blockquote"
                        | "figure"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "hr"
                        | "dl"
                ) {
                    return true;
                }
                stack.extend(self.dom.children(at));
            }
        }
        false
    }
}
