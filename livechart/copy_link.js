export default function (component) {
  const { parentElement } = component;
  if (parentElement.querySelector("button")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "losslab-copy-link";
  button.textContent = "Copy link to this view";
  const note = document.createElement("div");
  note.className = "losslab-copy-note";
  button.addEventListener("click", async () => {
    const url = window.location.href;  // every control of the page is in it
    try {
      await navigator.clipboard.writeText(url);
      note.textContent = "Copied: anyone opening it sees this view.";
    } catch (error) {
      note.textContent = url;  // no clipboard here: show the link to copy by hand
    }
  });
  parentElement.append(button, note);
}
