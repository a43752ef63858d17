// Shared by every course widget: make an element with attributes and text. anywidget loads
// one ES module per widget, so course.widgets.front_end() puts this file in front of each.
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
