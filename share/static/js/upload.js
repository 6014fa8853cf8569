// Shared by both forms below: dropping files on a zone, and a progress bar per file.
var DelaUpload = (function () {
  "use strict";

  function onDrop(zone, handleFiles) {
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("upload-form--dragging");
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("upload-form--dragging"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("upload-form--dragging");
      if (event.dataTransfer && event.dataTransfer.files.length) handleFiles(event.dataTransfer.files);
    });
  }

  // A list item "name: state" with a <progress> named after the file; `say` changes the state.
  function progressBar(list, file, state) {
    var item = document.createElement("li");
    var label = document.createElement("span");
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    label.textContent = file.name + ": " + state;
    item.append(label, " ", bar);
    list.append(item);
    return {
      bar: bar,
      size: file.size,
      say: function (text, className) {
        label.textContent = file.name + ": " + text;
        if (className) item.className = className;
      },
    };
  }

  return { onDrop: onDrop, progressBar: progressBar };
})();

// Uploads on the material page: drop files or pick several, and each file goes up in its own
// request with its own progress bar. Without JavaScript the plain form posts all files at once.
(function () {
  "use strict";
  var form = document.querySelector("form.upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var input = form.querySelector("input[type=file]");
  var progressList = form.querySelector(".upload-progress");
  var token = form.querySelector("input[name=csrf_token]").value;
  var lang = document.documentElement.lang;
  var words = lang === "sv"
    ? { done: "klar", failed: "gick inte", uploading: "laddas upp" }
    : { done: "done", failed: "failed", uploading: "uploading" };

  function uploadOne(file) {
    return new Promise(function (resolve) {
      var progress = DelaUpload.progressBar(progressList, file, words.uploading);
      var bar = progress.bar;

      var data = new FormData();
      data.append("csrf_token", token);
      data.append("files", file, file.name);
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) bar.value = Math.round(event.loaded / event.total * 100);
      });
      request.addEventListener("load", function () {
        var message = words.failed;
        try { message = JSON.parse(request.responseText).message || words.done; } catch (e) {}
        var ok = request.status >= 200 && request.status < 300;
        if (ok) bar.value = 100;
        progress.say(ok ? words.done : message, ok ? "upload-progress__ok" : "upload-progress__failed");
        resolve(ok);
      });
      request.addEventListener("error", function () {
        progress.say(words.failed, "upload-progress__failed");
        resolve(false);
      });
      request.send(data);
    });
  }

  function uploadAll(files) {
    var chain = Promise.resolve([]);
    Array.prototype.forEach.call(files, function (file) {
      chain = chain.then(function (results) {
        return uploadOne(file).then(function (ok) { return results.concat([ok]); });
      });
    });
    chain.then(function (results) {
      // Show the new files in the list once every upload has finished.
      if (results.some(Boolean)) window.setTimeout(function () { window.location.reload(); }, 800);
    });
  }

  form.addEventListener("submit", function (event) {
    if (!input.files.length) return;
    event.preventDefault();
    uploadAll(input.files);
    input.value = "";
  });
  DelaUpload.onDrop(form, uploadAll);
})();

// On the share and edit form: files dropped on the file field join the form, and a form that
// carries files is sent in the background so that each file shows its progress. The answer is
// what the plain form gets: the material page, or the form again with what was wrong.
(function () {
  "use strict";
  var form = document.querySelector("form.material-form");
  var zone = form && form.querySelector("[data-dropzone]");
  if (!zone) return;
  var input = zone.querySelector("input[type=file]");
  var progressList = zone.querySelector(".upload-progress");
  // Not form.action: the buttons named "action" shadow that property.
  var target = new URL(form.getAttribute("action"), window.location.href);
  var words = document.documentElement.lang === "sv"
    ? { sending: "skickas", failed: "kunde inte skickas, försök igen" }
    : { sending: "sending", failed: "could not be sent, try again" };

  if (window.DataTransfer) {
    DelaUpload.onDrop(zone, function (dropped) {
      var files = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { files.items.add(file); });
      Array.prototype.forEach.call(dropped, function (file) { files.items.add(file); });
      input.files = files.files;
    });
  }

  // The files are the bulk of the request and are sent in order, so the bytes sent so far
  // say how far each file has come (the few other fields count as sent first).
  function showProgress(bars, loaded, total) {
    var filesSize = bars.reduce(function (sum, b) { return sum + b.size; }, 0);
    var sent = loaded - Math.max(total - filesSize, 0);
    bars.forEach(function (b) {
      var done = b.size ? (sent / b.size) * 100 : 100;
      b.bar.value = Math.max(0, Math.min(100, Math.round(done)));
      sent -= b.size;
    });
  }

  form.addEventListener("submit", function (event) {
    if (!input.files.length || !window.FormData || !window.XMLHttpRequest) return;
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    progressList.textContent = "";
    var bars = Array.prototype.map.call(input.files, function (file) {
      return DelaUpload.progressBar(progressList, file, words.sending);
    });
    var buttons = form.querySelectorAll("button[type=submit]");
    buttons.forEach(function (button) { button.disabled = true; });

    var request = new XMLHttpRequest();
    request.open("POST", target.href);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) showProgress(bars, e.loaded, e.total);
    });
    request.addEventListener("load", function () {
      var saved = null;
      try { saved = JSON.parse(request.responseText); } catch (e) {}
      if (saved && saved.ok) {
        window.location.assign(saved.url);
        return;
      }
      // The form again, with what was wrong: shown as the plain form would show it.
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      bars.forEach(function (b) { b.say(words.failed, "upload-progress__failed"); });
      buttons.forEach(function (button) { button.disabled = false; });
    });
    request.send(data);
  });
})();
