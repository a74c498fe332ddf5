// Starts Swagger UI on /docs; kept out of the HTML so the page needs no 'unsafe-inline'.
window.addEventListener("load", function () {
  var container = document.getElementById("swagger-ui-container");
  window.ui = SwaggerUIBundle({
    url: container.dataset.specUrl,
    dom_id: "#swagger-ui-container",
    persistAuthorization: false,
  });
});
