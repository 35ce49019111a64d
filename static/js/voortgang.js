// The status page of a background job: asks the server for the job's state every
// second and moves the progress bar; when the job is done, reloads the page, where the
// server shows the result. Without JavaScript the page refreshes itself instead.
(() => {
  const blok = document.querySelector("[data-voortgang-url]");
  if (!blok) {
    return;
  }
  const balk = blok.querySelector("progress");
  const tekst = blok.querySelector("[data-voortgang-tekst]");
  const melding = blok.querySelector("[data-voortgang-melding]");

  const tonen = (stand) => {
    // Once every row is read, the saving has no count: the bar shows work without an end.
    if (stand.totaal && stand.status === "bezig" && stand.gelezen < stand.totaal) {
      balk.max = stand.totaal;
      balk.value = stand.gelezen;
    } else {
      balk.removeAttribute("value");
    }
    tekst.textContent = stand.tekst;
    // Only a new step is announced; the counts change too often to be read out.
    if (melding.textContent !== stand.melding) {
      melding.textContent = stand.melding;
    }
  };

  const vernieuwen = async () => {
    try {
      const antwoord = await fetch(blok.dataset.voortgangUrl, {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (antwoord.redirected) {
        window.location.reload(); // logged out meanwhile: the page leads to the login
        return;
      }
      if (antwoord.ok) {
        const stand = await antwoord.json();
        if (stand.klaar) {
          window.location.reload();
          return;
        }
        tonen(stand);
      }
    } catch {
      // A lost connection is tried again with the next round.
    }
    window.setTimeout(vernieuwen, 1000);
  };

  window.setTimeout(vernieuwen, 1000);
})();
