<?php
$_['heading_title']  = 'OCBridge (1C sync API)';
$_['text_extension'] = 'Extensions';
$_['text_intro']     = 'OCBridge v1 lets the OCBridge service (1C:Enterprise ↔ OpenCart) read and write products, categories, manufacturers, options, attributes and orders over HTTP.';
$_['text_endpoint']  = 'Endpoint';
$_['text_status']    = 'Link table';
$_['text_installed'] = 'installed, %s links';
$_['text_missing']   = 'missing – uninstall and install the module again';
$_['text_setup']     = 'Create or pick an API user under System › Users › API (status Enabled), add the IP address of the OCBridge service on its "IP Addresses" tab, and give the service the user\'s API Username and API Key (headers X-Api-Username / X-Api-Key).';
$_['button_api']     = 'API users';
