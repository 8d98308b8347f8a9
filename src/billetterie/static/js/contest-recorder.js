// The contest's « record in the browser » (progressive enhancement): shown only where
// MediaRecorder and the microphone exist; the recording is put in the form's file field, so it is
// sent through the same form and checked like any uploaded file. Stops by itself at the maximum.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form || !window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var box = form.querySelector(".recorder");
  var input = form.querySelector('input[type="file"]');
  var start = box.querySelector("[data-record]");
  var stop = box.querySelector("[data-stop]");
  var timer = box.querySelector("[data-timer]");
  var status = box.querySelector("[data-record-status]");
  var maxSeconds = parseInt(form.getAttribute("data-max-seconds"), 10) || 60;
  var types = [
    ["audio/webm;codecs=opus", "webm"],
    ["audio/ogg;codecs=opus", "ogg"],
    ["audio/mp4", "m4a"],
  ];
  var chosen = types.filter(function (t) {
    return MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(t[0]);
  })[0];
  if (!chosen || typeof DataTransfer === "undefined") {
    return;
  }
  box.hidden = false;
  var recorder = null;
  var ticking = null;
  var limit = null;
  var began = 0;

  function show(seconds) {
    var s = Math.floor(seconds);
    timer.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function finish() {
    clearInterval(ticking);
    clearTimeout(limit);
    if (recorder && recorder.state !== "inactive") {
      recorder.stop();
    }
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var chunks = [];
      recorder = new MediaRecorder(stream, { mimeType: chosen[0] });
      recorder.addEventListener("dataavailable", function (event) {
        if (event.data && event.data.size) {
          chunks.push(event.data);
        }
      });
      recorder.addEventListener("stop", function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        var type = chosen[0].split(";")[0];
        var file = new File(chunks, "enregistrement." + chosen[1], { type: type });
        var transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        start.hidden = false;
        stop.hidden = true;
        start.textContent = "Recommencer l'enregistrement";
        status.textContent = "Enregistrement prêt (" + timer.textContent + ") : cochez l'attestation, puis déposez-le avec le bouton ci-dessous.";
        start.focus();
      });
      recorder.start(1000);
      began = Date.now();
      show(0);
      start.hidden = true;
      stop.hidden = false;
      stop.focus();
      status.textContent = "Enregistrement en cours. Il s'arrêtera seul à " + maxSeconds + " secondes.";
      ticking = setInterval(function () { show((Date.now() - began) / 1000); }, 250);
      limit = setTimeout(finish, maxSeconds * 1000 - 300);
    }).catch(function () {
      status.textContent = "Le micro n'est pas accessible : autorisez-le dans le navigateur, ou déposez un fichier enregistré autrement.";
    });
  });
  stop.addEventListener("click", finish);
})();
