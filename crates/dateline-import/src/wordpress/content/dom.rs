//! Post HTML parsed as a browser would (html5ever's tree builder) into a
//! small tree of our own: nodes in a vector, linked by index. Only what the
//! converter reads is kept: element names, attributes and text.

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, Attribute, ExpandedName, QualName};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// A parsed fragment; node 0 is its root. The caller bounds its size by
/// bounding the tags it hands in.
pub struct Dom {
    pub nodes: Vec<Node>,
}

pub struct Node {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub data: Data,
}

pub enum Data {
    Root,
    /// A lowercase HTML element name and its attributes.
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Text(String),
    /// Comments, processing instructions, template contents.
    Other,
}

impl Dom {
    /// Parses `html` as the inside of a `<body>`.
    pub fn parse(html: &str) -> Dom {
        let sink = Sink::default();
        let context = QualName::new(None, ns!(html), local_name!("body"));
        let parser =
            html5ever::parse_fragment(sink, Default::default(), context, Vec::new(), false);
        parser.one(StrTendril::from(html))
    }

    pub fn name(&self, id: usize) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn attr(&self, id: usize, key: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    pub fn children(&self, id: usize) -> &[usize] {
        &self.nodes[id].children
    }

    /// The text of a subtree, without recursion (the tree may be deep).
    pub fn text(&self, id: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            match &self.nodes[at].data {
                Data::Text(t) => out.push_str(t),
                // What a browser never shows: scripts, styles, and a
                // frame's fallback text (raw text inside <iframe>).
                Data::Element { name, .. }
                    if matches!(
                        name.as_str(),
                        "script" | "style" | "iframe" | "noembed" | "noframes" | "template"
                    ) => {}
                _ => stack.extend(self.nodes[at].children.iter().rev()),
            }
        }
        out
    }
}

#[derive(Clone)]
struct Handle {
    id: usize,
    name: Option<Rc<QualName>>,
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// Named for a handle that is not an element (never asked for).
    fallback: QualName,
}

impl Default for Sink {
    fn default() -> Self {
        Sink {
            nodes: RefCell::new(vec![Node {
                parent: None,
                children: Vec::new(),
                data: Data::Root,
            }]),
            fallback: QualName::new(None, ns!(html), local_name!("span")),
        }
    }
}

impl Sink {
    fn new_node(&self, data: Data) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: None,
            children: Vec::new(),
            data,
        });
        nodes.len() - 1
    }

    fn detach(&self, id: usize) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(parent) = nodes[id].parent.take() {
            nodes[parent].children.retain(|&c| c != id);
        }
    }

    /// Appends text to a text node at `at` if there is one, so adjacent
    /// text stays one node.
    fn merge_text(&self, at: Option<usize>, text: &str) -> bool {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Data::Text(t)) = at.map(|i| &mut nodes[i].data) {
            t.push_str(text);
            return true;
        }
        false
    }

    fn insert(&self, parent: usize, index: Option<usize>, child: NodeOrText<Handle>) {
        let id = match child {
            NodeOrText::AppendText(text) => {
                let previous = {
                    let nodes = self.nodes.borrow();
                    let siblings = &nodes[parent].children;
                    match index {
                        Some(0) => None,
                        Some(i) => siblings.get(i - 1).copied(),
                        None => siblings.last().copied(),
                    }
                };
                if self.merge_text(previous, &text) {
                    return;
                }
                self.new_node(Data::Text(text.to_string()))
            }
            NodeOrText::AppendNode(handle) => {
                self.detach(handle.id);
                handle.id
            }
        };
        let mut nodes = self.nodes.borrow_mut();
        nodes[id].parent = Some(parent);
        let siblings = &mut nodes[parent].children;
        match index {
            Some(i) if i <= siblings.len() => siblings.insert(i, id),
            _ => siblings.push(id),
        }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _message: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle { id: 0, name: None }
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        target.name.as_deref().unwrap_or(&self.fallback).expanded()
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let attrs = attrs
            .into_iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        let id = self.new_node(Data::Element {
            name: name.local.to_string(),
            attrs,
        });
        if flags.template {
            // Template contents live apart from the tree, as in a browser.
            self.new_node(Data::Other);
        }
        Handle {
            id,
            name: Some(Rc::new(name)),
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Handle {
            id: self.new_node(Data::Other),
            name: None,
        }
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.create_comment(StrTendril::new())
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.insert(parent.id, None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        if self.nodes.borrow()[element.id].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // Created right after its template (see `create_element`).
        Handle {
            id: target.id + 1,
            name: None,
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let place = {
            let nodes = self.nodes.borrow();
            nodes[sibling.id].parent.map(|p| {
                let index = nodes[p].children.iter().position(|&c| c == sibling.id);
                (p, index)
            })
        };
        if let Some((parent, index)) = place {
            self.insert(parent, index, child);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Data::Element {
            attrs: existing, ..
        } = &mut nodes[target.id].data
        {
            for a in attrs {
                let key = a.name.local.to_string();
                if !existing.iter().any(|(k, _)| *k == key) {
                    existing.push((key, a.value.to_string()));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.detach(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut nodes = self.nodes.borrow_mut();
        let children = std::mem::take(&mut nodes[node.id].children);
        for &c in &children {
            nodes[c].parent = Some(new_parent.id);
        }
        nodes[new_parent.id].children.extend(children);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom, id: usize) -> String {
        match &dom.nodes[id].data {
            Data::Text(t) => t.clone(),
            Data::Element { name, .. } => {
                let inner: String = dom.children(id).iter().map(|&c| outline(dom, c)).collect();
                format!("<{name}>{inner}</{name}>")
            }
            Data::Root => dom.children(id).iter().map(|&c| outline(dom, c)).collect(),
            Data::Other => String::new(),
        }
    }

    #[test]
    fn parses_as_browsers_do() {
        let dom = Dom::parse("<p>one<p>two <b>bold<i>both</b> after</i><!-- c --><ul><li>x");
        // html5ever wraps a fragment in an <html> element.
        assert_eq!(
            outline(&dom, 0),
            "<html><p>one</p><p>two <b>bold<i>both</i></b><i> after</i></p><ul><li>x</li></ul></html>"
        );
        assert_eq!(dom.text(0), "onetwo boldboth afterx");
    }
}
