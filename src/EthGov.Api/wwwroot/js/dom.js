// Small DOM builders. Text always goes in through textContent, so chain data can never become markup.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Lets files be dropped on target (and keeps the browser from opening files dropped beside it). */
export function acceptDrops(target, onFiles) {
  const stop = (event) => {
    event.preventDefault();
    event.stopPropagation();
  };
  target.addEventListener('dragenter', (event) => {
    stop(event);
    target.classList.add('dragging');
  });
  target.addEventListener('dragover', (event) => {
    stop(event);
    event.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('dragleave', (event) => {
    stop(event);
    target.classList.remove('dragging');
  });
  target.addEventListener('drop', (event) => {
    stop(event);
    target.classList.remove('dragging');
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) {
      onFiles(files);
    }
  });
}

export function preventStrayDrops() {
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (event) => event.preventDefault());
  }
}
